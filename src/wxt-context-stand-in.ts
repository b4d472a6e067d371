// Stands in for WXT's ContentScriptContext, which WXT's content-script wrapper constructs
// before calling main() (wxt.config.ts points the wrapper's import here).
//
// WXT's announces every start to the page, with a document event and a window message named
// after the extension's id, and stops the script when it hears another such event: any site
// could tell that the extension is installed, and which one, and switch it off on its pages
// (tests/e2e/hostile/page-scripts.spec.ts). The content script keeps its own lifetime
// (src/script-context.ts), which listens to nothing the page can send.
// (WXT's wrapper constructs it with the script's name and options; main() takes no context.)
export class ContentScriptContext {}
