// Accessibility of the grid (axe-core: no critical or serious finding) and its place in the page's
// Tab order: the roles Handsontable puts in the wrong places moved to the right ones, a name for
// its input, and the table as one Tab stop.
import type Handsontable from 'handsontable/base';

/**
 * Handsontable puts role="treegrid" on its wrapper, around its focus catchers and its input too,
 * which a treegrid may not own (aria-required-children, critical). The treegrid role and its
 * counts move to the master <table>, which holds exactly the rowgroups, rows and cells; the input
 * gets a name.
 */
export function fixGridRoles(container: HTMLElement) {
  const wrapper = container.querySelector('.ht-wrapper[role="treegrid"]');
  const table = container.querySelector('.ht_master table.htCore');
  // The sticky-header clones (hidden from screen readers) hold rowgroups too: same parent role.
  for (const clone of container.querySelectorAll('[class*="ht_clone_"] table[role="presentation"]')) clone.setAttribute('role', 'treegrid');
  if (wrapper && table) {
    table.setAttribute('role', 'treegrid');
    table.setAttribute('aria-label', container.closest('[aria-label]')?.getAttribute('aria-label') ?? table.getAttribute('aria-label') ?? '');
    for (const name of ['aria-rowcount', 'aria-colcount', 'aria-multiselectable']) {
      const v = wrapper.getAttribute(name);
      if (v !== null) table.setAttribute(name, v);
      wrapper.removeAttribute(name);
    }
    wrapper.removeAttribute('role');
  }
  for (const ta of container.querySelectorAll<HTMLTextAreaElement>('textarea.handsontableInput:not([aria-label])')) {
    ta.setAttribute('aria-label', '单元格内容');
    // Focused by the grid itself, never by Tab: Tab from the table (after Esc) goes on to what follows.
    ta.tabIndex = -1;
  }
}

/**
 * The context menu is a Handsontable too, with the same ARIA trouble: role="menu" on a wrapper
 * around its focus catcher, and rows between the menu and its items (axe, critical). The menu
 * role goes to its tables, whose row structure becomes presentational.
 */
export function fixMenuRoles() {
  const menu = document.querySelector('.htContextMenu');
  if (!menu) return;
  for (const el of [menu, ...menu.querySelectorAll('[role="menu"]')]) if (el.tagName !== 'TABLE') el.removeAttribute('role');
  for (const table of menu.querySelectorAll('table')) {
    table.setAttribute('role', 'menu');
    table.setAttribute('aria-label', '表格菜单');
    for (const part of table.querySelectorAll('thead, tbody, tr, colgroup')) part.setAttribute('role', 'presentation');
  }
}

/**
 * Keeps the roles right after every render and selection, and makes the table one stop of the
 * page's Tab order (its host element, entered with Enter): Handsontable's focus catchers would
 * take Tab from that stop, or Shift+Tab from below, into the grid. Tab on the host goes on past
 * the table, and focus arriving at a catcher from outside goes to the host. Returns the undo.
 */
export function accessible(hot: Handsontable, container: HTMLElement): () => void {
  const fix = () => fixGridRoles(container);
  fix();
  hot.addHook('afterRender', fix);
  hot.addHook('afterSelectionEnd', fix);
  hot.addHook('afterContextMenuShow', fixMenuRoles);

  const tabbable = () =>
    [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]')].filter(
      (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && !el.hidden && el.offsetParent !== null && !(container.contains(el) && el !== container)
    );
  const onHostKey = (e: KeyboardEvent) => {
    if (e.key !== 'Tab' || e.target !== container || e.ctrlKey || e.altKey || e.metaKey) return;
    const list = tabbable();
    const next = list[list.indexOf(container) + (e.shiftKey ? -1 : 1)];
    if (!next) return;
    e.preventDefault();
    next.focus();
  };
  const onCatcher = (e: FocusEvent) => {
    const t = e.target as HTMLElement;
    if (!t.classList?.contains('htFocusCatcher') || hot.isListening()) return;
    const from = e.relatedTarget as Node | null;
    if (from && container.contains(from) && from !== container) return;
    e.stopPropagation();
    container.focus();
  };
  // Handsontable gives its input the focus a moment after a selection, and stops listening when
  // the focus goes outside its grid. Going from table to table (Ctrl+Shift+PgDn, Tab past the last
  // figure), the table left may take the focus back late — on a busy machine after the next table
  // has it — and then the next table's own refocus lands with that table no longer listening: the
  // keys would run past it into the page. Focus coming from another table's input to the input of
  // a table with a selected cell is that table's keyboard (not focus coming back from a menu).
  const isInput = (el: EventTarget | null): el is HTMLElement => el instanceof HTMLElement && el.classList.contains('handsontableInput');
  const onInput = (e: FocusEvent) => {
    const from = e.relatedTarget;
    if (isInput(e.target) && isInput(from) && !from.closest('.htMenu') && !container.contains(from) && !hot.isListening() && hot.getSelectedRangeLast()) hot.listen();
  };
  container.addEventListener('keydown', onHostKey);
  container.addEventListener('focusin', onCatcher, true);
  container.addEventListener('focusin', onInput);
  return () => {
    container.removeEventListener('keydown', onHostKey);
    container.removeEventListener('focusin', onCatcher, true);
    container.removeEventListener('focusin', onInput);
  };
}
