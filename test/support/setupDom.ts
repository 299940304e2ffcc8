/*
 * Jest setup for tests that run under jsdom (the pane's): what a browser has and jsdom lacks.
 * Fluent UI v9 measures with ResizeObserver; the core fingerprints with TextEncoder.
 */
import { TextDecoder, TextEncoder } from 'node:util';

if (typeof window !== 'undefined') {
  class ResizeObserverStub {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  Object.assign(globalThis, {
    ResizeObserver: globalThis.ResizeObserver ?? ResizeObserverStub,
    TextEncoder: globalThis.TextEncoder ?? TextEncoder,
    TextDecoder: globalThis.TextDecoder ?? TextDecoder,
  });
  // Testing Library's act() environment flag for React 18+.
  Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });
}
