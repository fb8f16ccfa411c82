/**
 * Where the web page keeps the pane's settings and manual mappings: the browser's storage (localStorage), as the
 * Office add-in keeps them in the workbook. One set of settings for the page; mappings name their file. Values are
 * checked with zod on the way in; where storage is unavailable (a private window, storage switched off) they live
 * for the session only and the page says so.
 */
import { MAPPINGS_KEY, parseStoredMappings, SETTINGS_KEY } from "../app/storedState";
import { safeParseSettings, type Settings } from "../core/settings";
import type { ManualMapping } from "../registers/types";

/** The pane's memory between visits. */
export interface PaneStore {
  loadSettings(): Settings;
  saveSettings(settings: Settings): void;
  loadMappings(): ManualMapping[];
  saveMappings(mappings: ManualMapping[]): void;
  /** False when values cannot outlive the page (no usable storage). */
  readonly persistent: boolean;
}

/** The part of the Web Storage API used here (tests give a Map-backed one). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Storage key prefix: the page's keys never collide with another page served from the same origin. */
const PREFIX = "shnor-web:";

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A store over `storage`; values kept in memory too, so a failed write never loses them for this session. */
export function storeOver(storage: KeyValueStorage | null): PaneStore {
  const memory = new Map<string, string>();
  let persistent = storage !== null;
  const get = (key: string): string | null => {
    if (memory.has(key)) return memory.get(key)!;
    try {
      return storage ? storage.getItem(PREFIX + key) : null;
    } catch {
      return null;
    }
  };
  const set = (key: string, value: unknown): void => {
    const text = JSON.stringify(value);
    memory.set(key, text);
    if (!storage) return;
    try {
      storage.setItem(PREFIX + key, text);
    } catch {
      persistent = false;
    }
  };
  return {
    loadSettings: () => safeParseSettings(parseJson(get(SETTINGS_KEY)) ?? {}).settings,
    saveSettings: (s) => set(SETTINGS_KEY, s),
    loadMappings: () => parseStoredMappings(parseJson(get(MAPPINGS_KEY))),
    saveMappings: (m) => set(MAPPINGS_KEY, m),
    get persistent() {
      return persistent;
    },
  };
}

/** The browser's localStorage when it can be used (reading it throws where storage is switched off). */
export function browserStorage(): KeyValueStorage | null {
  try {
    const s = globalThis.localStorage;
    const probe = `${PREFIX}probe`;
    s.setItem(probe, "1");
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}
