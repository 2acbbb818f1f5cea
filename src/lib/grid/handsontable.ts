// The one place Handsontable is configured: licence key, registered modules, language.
// Everything grid-specific stays in src/lib/grid, so the grid could be swapped without touching the domain.
import Handsontable from 'handsontable/base';
import { registerLanguageDictionary } from 'handsontable/i18n';
// The zh-CN pack from i18n/languages: handsontable/languages/zh-CN would pull in the full build.
import zhCN from 'handsontable/i18n/languages/zh-CN';
import {
  registerPlugin, AutoColumnSize, ContextMenu, CopyPaste, NestedHeaders
} from 'handsontable/plugins';
import { registerCellType, TextCellType } from 'handsontable/cellTypes';

/** The free key covers non-commercial use; a deployment sets its own at build time. */
export const LICENSE_KEY = import.meta.env.PUBLIC_HANDSONTABLE_LICENSE_KEY || 'non-commercial-and-evaluation';

let registered = false;
export function setupHandsontable() {
  if (registered) return Handsontable;
  registerCellType(TextCellType);
  // ContextMenu needs AutoColumnSize registered, or the constructor throws.
  registerPlugin(AutoColumnSize);
  registerPlugin(ContextMenu);
  registerPlugin(CopyPaste);
  registerPlugin(NestedHeaders);
  registerLanguageDictionary(zhCN);
  registered = true;
  return Handsontable;
}
