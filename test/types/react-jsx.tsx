// Type test of the JSX typings for the raw tags, checked by `tsc --noEmit -p tsconfig.json`: each
// `@ts-expect-error` must meet an error, so a typing that lets a wrong prop through fails the check.
import type {} from '../../src/react/index.js';
import {
  LinkError,
  createMemoryAdapter,
  type Integration,
  type LfLinkedEvent,
  type LfSelectEvent,
} from '../../src/index.js';

const adapter = createMemoryAdapter();
const integrations: Integration[] = [];

export const fine = (
  <lf-provider adapter={adapter} mode="popup" allowed-origins="https://a.example" locale="de">
    <lf-link-flow
      mode="popup"
      return-url="https://app.example/back"
      poll={{ initial: 100, max: 1000, deadline: 5000 }}
      theme="dark"
      className="flow"
      onlf-linked={(event: LfLinkedEvent) => event.detail.connection.id}
      onlf-select={(event) => event.detail.integration.key}
    />
    <lf-connection-picker integrations={integrations} layout="grid" onlf-select={(event: LfSelectEvent) => event} />
    <lf-status-indicator status="linked" health="healthy" paused connection-id="conn_1" />
    <lf-error-panel error={new LinkError('network', 'Offline.')} onlf-retry={(event) => event.detail.error?.code} />
    <lf-connection-list heading-level={3} onlf-remove={(event) => event.detail.connection.id} />
  </lf-provider>
);

// @ts-expect-error -- `mood` is no attribute of lf-link-flow.
export const unknownProp = <lf-link-flow mood="popup" />;

// @ts-expect-error -- `mode` takes `redirect` or `popup` only.
export const wrongValue = <lf-link-flow mode="tab" />;

// @ts-expect-error -- `integrations` is an array of Integration objects, not a string.
export const wrongType = <lf-connection-picker integrations="sage" />;

// @ts-expect-error -- the lf-linked listener receives an LfLinkedEvent, which has no `detail.integration`.
export const wrongEvent = <lf-link-flow onlf-linked={(event) => event.detail.integration} />;

// @ts-expect-error -- `<lf-link-flows>` is no linkflow tag.
export const unknownTag = <lf-link-flows />;
