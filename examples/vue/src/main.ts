import { createApp } from 'vue';
// Registers the lf-* elements before Vue renders them, so their properties exist to be set.
import 'linkflow/define.js';
import './log.js';
import App from './App.vue';

createApp(App).mount('#app');
