import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Screens load lazily: the first render in a test file waits for vitest to
// transform the route's modules, which on a 2-core CI machine takes seconds.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  window.localStorage.clear();
  document.cookie.split('; ').forEach((c) => {
    const name = c.split('=')[0];
    if (name) document.cookie = `${name}=; max-age=0`;
  });
  document.documentElement.style.fontSize = '';
  document.documentElement.className = '';
});
