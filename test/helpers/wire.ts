/** The vendors' example payloads from ../shared/wire/, served by the test server. */
export async function loadWire<T = unknown>(name: string): Promise<T> {
  const response = await fetch(`/__wire__/${name}`);
  if (!response.ok) throw new Error(`fixture ${name}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
