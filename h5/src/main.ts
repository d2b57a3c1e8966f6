import { createApp } from 'vue'
import { createPinia } from 'pinia'
// Vant's function APIs do not pull in their CSS through the auto-import resolver.
import 'vant/es/toast/style'
import 'vant/es/dialog/style'
import 'vant/es/notify/style'
import 'vant/es/image-preview/style'
import './styles/global.css'
import App from './App.vue'
import { connectHttp, createAppRouter } from './router'

// Desktop browsers (institution staff) get mouse → touch emulation for pickers and pull-to-refresh.
if (!('ontouchstart' in window)) void import('@vant/touch-emulator')

const app = createApp(App)
app.use(createPinia())
const router = createAppRouter()
connectHttp(router)
app.use(router)
app.mount('#app')
