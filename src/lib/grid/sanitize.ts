// Pasted HTML is parsed by the grid's copy-paste plugin; with no bundled sanitiser since
// Handsontable 18.0 we strip everything that could run (scripts, handlers, URLs) first.
/** Keeps table structure and text; drops every element or attribute that could run code or fetch. */
export function sanitizeHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('script,style,iframe,object,embed,link,meta,img,svg,math,template,form,input,button,video,audio,base').forEach((n) => n.remove());
  doc.querySelectorAll('*').forEach((el) => {
    for (const attr of [...el.attributes]) {
      const keep = ['rowspan', 'colspan'].includes(attr.name.toLowerCase());
      if (!keep) el.removeAttribute(attr.name);
    }
  });
  return doc.body.innerHTML;
}
