// The example app: the whole link flow and the user's connections on the memory adapter, and beside
// them a picker, a status and an error panel fed with plain objects, all through linkflow/react.
import { useEffect, useState } from 'react';
import { LinkError, createMemoryAdapter, type Connection, type Integration, type LfStateChangeEvent } from 'linkflow';
import {
  ConnectionList,
  ConnectionPicker,
  ErrorPanel,
  LinkFlow,
  LinkflowProvider,
  StatusIndicator,
} from 'linkflow/react';
import { counted, log, record } from './log.js';

// Made once, outside any component: StrictMode renders components twice, and a second adapter would
// mean a second store and second requests.
const adapter = counted(createMemoryAdapter({ storage: localStorage, consentUrl: './consent.html' }));
const mode = new URLSearchParams(location.search).get('mode') === 'popup' ? 'popup' : 'redirect';

const featured: Integration[] = [
  { key: 'xero', name: 'Xero', categories: ['accounting'], enabled: true, beta: false, color: '#0b5cab' },
  { key: 'hubspot', name: 'HubSpot', categories: ['crm'], enabled: true, beta: true, color: '#b93d1f' },
  { key: 'bamboohr', name: 'BambooHR', categories: ['hris'], enabled: true, beta: false, color: '#3b7a1d' },
];
const xero: Connection = {
  id: 'conn_featured_xero',
  integrationKey: 'xero',
  integrationName: 'Xero',
  status: 'linked',
  health: 'healthy',
  paused: false,
  categories: ['accounting'],
  lastSyncAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
  issues: [],
};
const featuredConnections = [xero];
const offline = new LinkError('network', 'The connection service could not be reached.', {
  correlationId: 'example-0001',
});
Object.assign(log.shared, { adapter, featured, featuredConnections, xero, offline });

function onStateChange(event: LfStateChangeEvent): void {
  record(event);
  const flow = (event.currentTarget as HTMLElementTagNameMap['lf-link-flow']).flow;
  if (!log.flows.includes(flow)) log.flows.push(flow);
}

export function App() {
  const [chosen, setChosen] = useState<Integration>();
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    log.mounts += 1;
    return () => {
      log.unmounts += 1;
    };
  }, []);

  return (
    <main>
      <h1>linkflow in React</h1>
      <LinkflowProvider adapter={adapter} mode={mode}>
        <section aria-label="Connect an account">
          <LinkFlow
            onLfSelect={record}
            onLfLinkStart={record}
            onLfLinked={record}
            onLfError={record}
            onLfCancel={record}
            onLfPopupBlocked={record}
            onLfStateChange={onStateChange}
          />
        </section>
        <section aria-label="Your connections">
          <ConnectionList onLfReconnect={record} onLfUnlink={record} onLfRemove={record} />
        </section>
      </LinkflowProvider>

      <section aria-label="Featured integrations">
        <h2>Featured</h2>
        <ConnectionPicker
          integrations={featured}
          connections={featuredConnections}
          onLfSelect={(event) => {
            record(event);
            setChosen(event.detail.integration);
          }}
        />
        <p id="chosen">{chosen ? `You picked ${chosen.name}.` : 'Nothing picked yet.'}</p>
        <StatusIndicator connection={xero} />
        {/* A raw tag works too: React 19 sets the props of a defined custom element as properties. */}
        <lf-status-indicator status="pending" />
        {dismissed ? null : (
          <ErrorPanel
            error={offline}
            onLfRetry={record}
            onLfDismiss={(event) => {
              record(event);
              setDismissed(true);
            }}
          />
        )}
      </section>
    </main>
  );
}
