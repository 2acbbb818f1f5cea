// Puts text/html and text/plain on the clipboard from a click. A copy event works in every
// context the app runs in (file://, plain-http intranet), where navigator.clipboard does not.
export function copyToClipboard(html: string | null, text: string): boolean {
  let done = false;
  const onCopy = (e: ClipboardEvent) => {
    if (!e.clipboardData) return;
    if (html !== null) e.clipboardData.setData('text/html', html);
    e.clipboardData.setData('text/plain', text);
    e.preventDefault();
    done = true;
  };
  document.addEventListener('copy', onCopy, true);
  try {
    document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', onCopy, true);
  }
  return done;
}
