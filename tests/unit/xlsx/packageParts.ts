/**
 * Test helpers: add the parts Excel writes for a chart sheet or a chart on a worksheet to an ExcelJS-written .xlsx
 * (ExcelJS itself cannot write charts), with JSZip — the same way a workbook saved by Excel holds them.
 */
import fs from "node:fs";
import JSZip from "jszip";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CT_CHARTSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml";

/** A minimal bar chart over `ref` (e.g. 'ВПР'!$B$2:$B$4). */
function chartXml(ref: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" ` +
    `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}">` +
    `<c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>` +
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>${ref}</c:f></c:numRef></c:val></c:ser>` +
    `<c:axId val="1"/><c:axId val="2"/></c:barChart>` +
    `<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="b"/><c:crossAx val="2"/></c:catAx>` +
    `<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="1"/></c:valAx>` +
    `</c:plotArea></c:chart></c:chartSpace>`
  );
}

function drawingXml(anchor: "absolute" | "twoCell"): string {
  const frame =
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Диаграмма 1"/><xdr:cNvGraphicFramePr/>` +
    `</xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic>` +
    `<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
    `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId1"/>` +
    `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/>`;
  const body =
    anchor === "absolute"
      ? `<xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="8666585" cy="6299973"/>${frame}</xdr:absoluteAnchor>`
      : `<xdr:twoCellAnchor><xdr:from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
        `<xdr:to><xdr:col>10</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>15</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>${frame}</xdr:twoCellAnchor>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" ` +
    `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}">${body}</xdr:wsDr>`
  );
}

const xmlEscape = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const rels = (items: { id: string; type: string; target: string }[]): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG_REL}">` +
  items.map((r) => `<Relationship Id="${r.id}" Type="${REL}/${r.type}" Target="${r.target}"/>`).join("") +
  `</Relationships>`;

async function addOverrides(zip: JSZip, overrides: { part: string; type: string }[]): Promise<void> {
  let ct = await zip.file("[Content_Types].xml")!.async("string");
  const add = overrides.map((o) => `<Override PartName="/${o.part}" ContentType="${o.type}"/>`).join("");
  ct = ct.replace("</Types>", `${add}</Types>`);
  zip.file("[Content_Types].xml", ct);
}

async function rewrite(file: string, edit: (zip: JSZip) => Promise<void>): Promise<void> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  await edit(zip);
  fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

/** Add a chart sheet named `name` (a bar chart over `ref`) at the end of the workbook in `file`. */
export async function addChartSheet(file: string, name: string, ref: string): Promise<void> {
  await rewrite(file, async (zip) => {
    zip.file("xl/charts/chart1.xml", chartXml(ref));
    zip.file("xl/drawings/drawing1.xml", drawingXml("absolute"));
    zip.file(
      "xl/drawings/_rels/drawing1.xml.rels",
      rels([{ id: "rId1", type: "chart", target: "../charts/chart1.xml" }]),
    );
    zip.file(
      "xl/chartsheets/sheet1.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><chartsheet xmlns="${MAIN}" xmlns:r="${REL}">` +
        `<sheetPr/><sheetViews><sheetView workbookViewId="0"/></sheetViews><drawing r:id="rId1"/></chartsheet>`,
    );
    zip.file(
      "xl/chartsheets/_rels/sheet1.xml.rels",
      rels([{ id: "rId1", type: "drawing", target: "../drawings/drawing1.xml" }]),
    );
    let wbXml = await zip.file("xl/workbook.xml")!.async("string");
    wbXml = wbXml.replace("</sheets>", `<sheet name="${xmlEscape(name)}" sheetId="99" r:id="rId99"/></sheets>`);
    zip.file("xl/workbook.xml", wbXml);
    let wbRels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    wbRels = wbRels.replace(
      "</Relationships>",
      `<Relationship Id="rId99" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`,
    );
    zip.file("xl/_rels/workbook.xml.rels", wbRels);
    await addOverrides(zip, [
      { part: "xl/charts/chart1.xml", type: CT_CHART },
      { part: "xl/drawings/drawing1.xml", type: CT_DRAWING },
      { part: "xl/chartsheets/sheet1.xml", type: CT_CHARTSHEET },
    ]);
  });
}

/** Add a chart (over `ref`) drawn on the first worksheet of the workbook in `file`. */
export async function addChartOnFirstSheet(file: string, ref: string): Promise<void> {
  await rewrite(file, async (zip) => {
    zip.file("xl/charts/chart1.xml", chartXml(ref));
    zip.file("xl/drawings/drawing1.xml", drawingXml("twoCell"));
    zip.file(
      "xl/drawings/_rels/drawing1.xml.rels",
      rels([{ id: "rId1", type: "chart", target: "../charts/chart1.xml" }]),
    );
    const sheet = "xl/worksheets/sheet1.xml";
    let xml = await zip.file(sheet)!.async("string");
    const drawing = `<drawing r:id="rIdShnorChart"/>`;
    const before = ["<legacyDrawing", "<tableParts", "<extLst", "</worksheet>"].find((t) => xml.includes(t))!;
    xml = xml.replace(before, `${drawing}${before}`);
    if (!/xmlns:r=/.test(xml.slice(0, xml.indexOf(">", xml.indexOf("<worksheet"))))) {
      xml = xml.replace("<worksheet ", `<worksheet xmlns:r="${REL}" `);
    }
    zip.file(sheet, xml);
    const relsPath = "xl/worksheets/_rels/sheet1.xml.rels";
    const existing = zip.file(relsPath);
    const entry = `<Relationship Id="rIdShnorChart" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/>`;
    zip.file(
      relsPath,
      existing
        ? (await existing.async("string")).replace("</Relationships>", `${entry}</Relationships>`)
        : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG_REL}">${entry}</Relationships>`,
    );
    await addOverrides(zip, [
      { part: "xl/charts/chart1.xml", type: CT_CHART },
      { part: "xl/drawings/drawing1.xml", type: CT_DRAWING },
    ]);
  });
}

/** Names of the parts of the .xlsx in `file`. */
export async function partNames(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  return Object.values(zip.files)
    .filter((f) => !f.dir)
    .map((f) => f.name);
}

/** A workbook holding one chart sheet and no worksheet (as Excel saves it after the data sheets were deleted). */
export async function writeChartOnlyWorkbook(file: string, name: string): Promise<void> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `</Types>`,
  );
  zip.file("_rels/.rels", rels([{ id: "rId1", type: "officeDocument", target: "xl/workbook.xml" }]));
  zip.file(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">` +
      `<sheets><sheet name="${xmlEscape(name)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  zip.file("xl/_rels/workbook.xml.rels", rels([{ id: "rId1", type: "chartsheet", target: "chartsheets/sheet1.xml" }]));
  zip.file(
    "xl/chartsheets/sheet1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><chartsheet xmlns="${MAIN}" xmlns:r="${REL}">` +
      `<sheetViews><sheetView workbookViewId="0"/></sheetViews><drawing r:id="rId1"/></chartsheet>`,
  );
  zip.file(
    "xl/chartsheets/_rels/sheet1.xml.rels",
    rels([{ id: "rId1", type: "drawing", target: "../drawings/drawing1.xml" }]),
  );
  zip.file("xl/drawings/drawing1.xml", drawingXml("absolute"));
  zip.file(
    "xl/drawings/_rels/drawing1.xml.rels",
    rels([{ id: "rId1", type: "chart", target: "../charts/chart1.xml" }]),
  );
  zip.file("xl/charts/chart1.xml", chartXml("'Данные'!$B$2:$B$4"));
  await addOverrides(zip, [
    { part: "xl/charts/chart1.xml", type: CT_CHART },
    { part: "xl/drawings/drawing1.xml", type: CT_DRAWING },
    { part: "xl/chartsheets/sheet1.xml", type: CT_CHARTSHEET },
  ]);
  fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}
