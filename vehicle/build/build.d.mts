// Types of build.mjs (plain JavaScript so that it runs before anything is compiled).
/** Where `npm run build` puts the compiled tree (.cache/build/ in the checkout). */
export declare const BUILD_DIR: string;
/** Compiles every product module and the benchmarks to .js, copies the files they read, swaps the tree in. */
export declare function buildAll(options?: { quiet?: boolean }): Promise<unknown>;
