// Registers every linkflow element, guarded so a second copy on the page warns instead of throwing.
// Import it for its side effect: `import 'linkflow/define.js'`. The API itself is in 'linkflow'.
export { LfProvider } from './elements/provider/lf-provider.js';
export { LfConnectionPicker } from './elements/connection-picker/lf-connection-picker.js';
export { LfStatusIndicator } from './elements/status-indicator/lf-status-indicator.js';
export { LfErrorPanel } from './elements/error-panel/lf-error-panel.js';
export { LfLinkFlow } from './elements/link-flow/lf-link-flow.js';
export { LfConnectionList } from './elements/connection-list/lf-connection-list.js';
