import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|map)$/;

// Precompressed copies (.gz and .br) next to every text asset, made once at build time:
// whitenoise serves the smallest one the browser accepts, in `dev.py run` and in production
// alike, so no request pays for compression.
function precompress(): Plugin {
  return {
    name: 'linli-precompress',
    apply: 'build',
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const path = join(dir, name);
          return statSync(path).isDirectory() ? walk(path) : [path];
        });
      for (const path of walk('dist')) {
        if (!COMPRESSIBLE.test(path)) continue;
        const raw = readFileSync(path);
        if (raw.length < 1024) continue;
        writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }));
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(raw, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
          }),
        );
      }
    },
  };
}

const ANTD =
  /node_modules[\\/](antd|@ant-design|@rc-component|@emotion|dayjs|stylis|@babel[\\/]runtime|clsx|throttle-debounce|scroll-into-view-if-needed|compute-scroll-into-view|json2mq|string-convert|is-mobile)[\\/]/;

// Django serves dist/index.html for every non-API path and the files under
// /static/ (whitenoise), so every asset URL is built under /static/. The dev
// server (`npm run dev`) serves the app at / and proxies /api to Django.
export default defineConfig(({ command, mode }) => ({
  base: command === 'build' ? '/static/' : '/',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd's vendor chunk is large by nature; the route chunks stay small.
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'react-vendor',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/,
              priority: 30,
            },
            {
              // The part of antd every screen needs (theme, layout, menu, buttons...);
              // the rest (forms, tables, steps...) is split with the routes that use it.
              name: 'antd-vendor',
              test: ANTD,
              tags: ['$initial'],
              priority: 20,
            },
            {
              name: 'vendor',
              test: (id: string) => /node_modules[\\/]/.test(id) && !ANTD.test(id),
              priority: 10,
            },
          ],
        },
      },
    },
  },
  server: {
    // Tests may read the server's sources (src/app/errors.test.ts checks every API error code).
    ...(mode === 'test' ? { fs: { allow: ['..'] } } : {}),
    // `npm run dev` proxies the API to a local Django (same-origin cookies).
    proxy: {
      '/api': { target: 'http://localhost:8000', changeOrigin: false },
    },
  },
  test: {
    environment: 'happy-dom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 20000,
  },
}));
