// The fake Codat and Unified APIs the adapter tests talk to over loopback. Filled in by the adapter work.
export async function vendorServer(_ctx, next) {
  return next();
}
