// The one line the Vite dev server needs (docs/integration.md): pre-bundling would move the
// package's code into node_modules/.vite/deps/, away from the files its new URL(…) names.
export default { optimizeDeps: { exclude: ['face-auth-widget'] } };
