// Module resolution hook: `electron` -> the fake (src-main/testing/fake-electron.ts), so the
// esbuild bundle of the main process can run under plain Node in desktop-bundle.test.ts.
const fakeUrl = new URL('./fake-electron.ts', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  // Delegate, so tsx (registered earlier) still resolves and compiles the .ts file.
  if (specifier === 'electron') return nextResolve(fakeUrl, context);
  return nextResolve(specifier, context);
}
