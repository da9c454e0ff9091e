/// <reference types="vite/client" />
// Vite client types: CSS/asset imports, import.meta.env, `?worker` / `?url` suffixes.
