// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {}
}
interface ImportMetaEnv {
  readonly PUBLIC_HANDSONTABLE_LICENSE_KEY?: string;
}
export {};
