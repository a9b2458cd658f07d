// The field page's words: Chinese first (the grid workers' language), English second; the choice is kept
// on the phone for the next visit.
import { createI18n } from 'vue-i18n';
import type { LocaleShape } from '../../renderer/src/i18n/shape';

const zhCN = {
  app: { title: '网格员 · 视频调度', switchTo: 'English', switchLabel: '切换语言' },
  signIn: {
    heading: '网格员登录',
    workerId: '工号',
    workerIdPlaceholder: '例如 W0001',
    pin: 'PIN',
    hint: '演示县 PIN 为手机号后四位',
    submit: '登录',
    submitting: '正在登录…',
    unreachable: '无法连接调度服务，请检查网络后重试',
    missing: '请填写工号和 PIN',
    replaced: '此工号已在其他页面登录，本页已退出',
  },
  idle: {
    grid: '所属网格',
    gridUnknown: '—',
    online: '在线',
    offline: '离线，正在重连…',
    waiting: '等待调度中心呼叫',
    waitingHint: '有呼叫时手机会响铃',
    share: '位置共享',
    shareOn: '开',
    shareOff: '关',
    lastFix: '最近定位 {time} · 精度 {accuracy} 米',
    noFix: '尚未取得定位',
    sent: '已上报',
    positionDenied: '定位权限被拒绝，无法共享位置',
    positionUnavailable: '暂时无法定位',
    positionInsecure: '位置共享需要 https 或 localhost 打开本页',
    signOut: '退出登录',
  },
  ringing: {
    incoming: '视频调度来电',
    from: '{name} · {role}',
    title: '事由：{title}',
    answer: '接听',
    decline: '拒绝',
  },
  call: {
    connecting: '正在接通…',
    noVideo: '对方未开启摄像头',
    you: '我',
    mute: '静音',
    unmute: '取消静音',
    front: '前置',
    back: '后置',
    camera: '摄像头 {facing}',
    hangUp: '挂断',
    others: '通话中：{names}',
    mediaFailed: '音视频连接失败：{message}',
  },
  ended: {
    heading: '通话已结束',
    hungUp: '你已挂断',
    declined: '你已拒绝来电',
    callerHungUp: '对方已挂断',
    linkLost: '网络中断，通话已结束',
    ended: '通话已结束',
    duration: '通话时长 {duration}',
    back: '返回',
  },
  roles: { duty_commander: '值班长', duty_director: '轮值主任', department_liaison: '部门联络员', administrator: '系统管理员', viewer: '只读', grid_worker: '网格员', system: '系统' },
};

const en: LocaleShape<typeof zhCN> = {
  app: { title: 'Grid worker · Video dispatch', switchTo: '中文', switchLabel: 'Switch language' },
  signIn: {
    heading: 'Grid worker sign-in',
    workerId: 'Worker ID',
    workerIdPlaceholder: 'e.g. W0001',
    pin: 'PIN',
    hint: 'Demo county: the PIN is the last four digits of your phone number',
    submit: 'Sign in',
    submitting: 'Signing in…',
    unreachable: 'Cannot reach the dispatch service; check the network and try again',
    missing: 'Enter your worker ID and PIN',
    replaced: 'This worker signed in on another page; this one signed out',
  },
  idle: {
    grid: 'Grid',
    gridUnknown: '—',
    online: 'Online',
    offline: 'Offline, reconnecting…',
    waiting: 'Waiting for a call from the centre',
    waitingHint: 'The phone rings when you are called',
    share: 'Share position',
    shareOn: 'On',
    shareOff: 'Off',
    lastFix: 'Last fix {time} · ±{accuracy} m',
    noFix: 'No position fix yet',
    sent: 'sent',
    positionDenied: 'Location permission denied: position not shared',
    positionUnavailable: 'Position unavailable for now',
    positionInsecure: 'Sharing position needs this page over https or localhost',
    signOut: 'Sign out',
  },
  ringing: {
    incoming: 'Incoming dispatch call',
    from: '{name} · {role}',
    title: 'About: {title}',
    answer: 'Answer',
    decline: 'Decline',
  },
  call: {
    connecting: 'Connecting…',
    noVideo: 'No video from the other side',
    you: 'Me',
    mute: 'Mute',
    unmute: 'Unmute',
    front: 'front',
    back: 'back',
    camera: 'Camera: {facing}',
    hangUp: 'Hang up',
    others: 'In the call: {names}',
    mediaFailed: 'Audio/video failed: {message}',
  },
  ended: {
    heading: 'Call ended',
    hungUp: 'You hung up',
    declined: 'You declined the call',
    callerHungUp: 'The caller hung up',
    linkLost: 'The network dropped; the call ended',
    ended: 'The call has ended',
    duration: 'Duration {duration}',
    back: 'Back',
  },
  roles: { duty_commander: 'Duty commander', duty_director: 'Duty director', department_liaison: 'Department liaison', administrator: 'Administrator', viewer: 'Viewer', grid_worker: 'Grid worker', system: 'System' },
};

export type FieldLocale = 'zh-CN' | 'en';
const STORAGE_KEY = 'watchfloor.field.locale';

function savedLocale(): FieldLocale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  datetimeFormats: {
    'zh-CN': { time: { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false } },
    en: { time: { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false } },
  },
});

export function setLocale(locale: FieldLocale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  document.title = i18n.global.t('app.title');
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or no quota: the choice lasts for this visit only.
  }
}
