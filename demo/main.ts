// The demo on the memory adapter. Filled in as the elements land.
export {};
