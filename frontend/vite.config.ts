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

// A module is never split between chunks, so a file whose exports are needed at different
// times is imported twice under two ids, each copy keeping (after tree-shaking) only what its
// importer uses:
// * every feature's messages.ts holds both languages (`fooZh`, `fooEn`): the English dictionary
//   (src/i18n/en.ts, loaded only when English is chosen) imports `messages.ts?lang=en`, so the
//   first download keeps only the Chinese half and the lazy English chunk only the English one;
// * every feature's routes.tsx holds its routes and its menu entries (with their icons): the
//   menu (src/app/menu.tsx, loaded with the side menu) imports `routes.tsx?part=nav`, so the
//   route table in the first download carries no menu icons.
const COPIES: { importer: RegExp; source: RegExp; query: string }[] = [
  { importer: /[\\/]src[\\/]i18n[\\/]en\.ts$/, source: /(^|\/)(messages|errorCodes)$/, query: 'lang=en' },
  { importer: /[\\/]src[\\/]app[\\/]menu\.tsx$/, source: /\/features\/[^/]+\/routes$/, query: 'part=nav' },
];

function importedApart(): Plugin {
  return {
    name: 'linli-imported-apart',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      // antd's Card imports Tabs for `tabList`, which no screen uses (src/app/stubs/NoCardTabs.tsx).
      if (source === '../tabs' && importer && /[\\/]antd[\\/]es[\\/]card[\\/]Card\.js$/.test(importer)) {
        return this.resolve('/src/app/stubs/NoCardTabs.tsx', undefined, { skipSelf: true });
      }
      const copy = importer && COPIES.find((c) => c.importer.test(importer) && c.source.test(source));
      if (!copy) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved ? `${resolved.id}?${copy.query}` : null;
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
  plugins: [react(), importedApart(), precompress()],
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
    setupFiles: ['./src/test/setup.ts', './src/i18n/testSetup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 20000,
  },
}));
