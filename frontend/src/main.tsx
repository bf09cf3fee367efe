import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { ensureCsrf } from './api/client';
import { Providers } from './app/providers';
import { createRouter } from './app/router';
import './index.css';

// Django sets the CSRF cookie on this call; every unsafe request sends it back.
void ensureCsrf(true).catch(() => {
  /* retried on the first unsafe request */
});

const router = createRouter();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
