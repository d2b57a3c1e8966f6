/// <reference types="vite/client" />
declare module '@vant/touch-emulator'
