// The files a file chooser offers. Apart from import.ts on purpose: that module carries the import
// worker inlined (~220 KB gzip), and a page that only shows a chooser must not load it up front.
export const ACCEPT = '.xlsx,.xls,.csv,.ods,.html,.htm,.docx,.txt,.pdf';
