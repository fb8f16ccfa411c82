/**
 * zod for the web page, configured before any schema is used (this module is the entry's first import): Russian
 * messages, and no code generation — zod would otherwise probe `new Function`, which the page's CSP refuses (and
 * reports as a violation).
 */
import { z } from "zod";

z.config({ ...z.locales.ru(), jitless: true });
