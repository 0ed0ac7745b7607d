import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n.js';
import './shell/base.css';
import { App } from './shell/App.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
