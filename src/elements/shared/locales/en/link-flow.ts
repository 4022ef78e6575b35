// English, in parts: each element imports only the parts it shows, and English is what every other
// catalogue falls back to. `../en.ts` puts the parts together into the whole reference catalogue.

/** `lf-link-flow`. */
export const linkFlowStrings = {
  'flow.choose': 'Connect an account',
  'flow.starting': 'Opening {name}…',
  'flow.authorizingPopup': 'Continue in the {name} window',
  'flow.authorizingRedirect': 'Taking you to {name}…',
  'flow.waitingHint': 'Sign in to {name} and approve access. This page updates when you are done.',
  'flow.verifying': 'Checking your {name} connection…',
  'flow.verifyingHint': 'Confirming with {name} that access was granted.',
  'flow.linked': '{name} is connected',
  'flow.another': 'Connect another account',
  'flow.failed': 'The connection did not complete',
  'flow.chooseAnother': 'Choose another integration',
  'flow.cancelled': 'Connecting {name} was cancelled',
  'flow.cancelledNoName': 'Connecting was cancelled',
} as const;
