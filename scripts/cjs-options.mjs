// The esbuild options every CommonJS bundle of the build shares (the command, the vendored
// packages, the CommonJS entry): Node 20.19 and later, `.cjs` files.
export const cjsOptions = {
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
}

// Less to parse on a first start (whitespace and syntax only: names stay, so stacks read).
export const lightMinify = { minifyWhitespace: true, minifySyntax: true }
