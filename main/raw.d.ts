// Text files imported with `?raw` (Vite/Vitest natively; esbuild through scripts/build-main.mjs).
declare module '*?raw' {
  const text: string;
  export default text;
}
