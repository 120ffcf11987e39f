import { windowChannels } from '@shared/api/bridge'
import { exposeFirstline } from './bridge'

exposeFirstline(windowChannels.gethelp, ['diagnostics.progress'])
