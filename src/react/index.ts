// React wrappers for every linkflow element, made with @lit/react.
export {};
