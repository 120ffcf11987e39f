import { windowChannels } from '@shared/api/contract'
import { exposeFirstline } from './bridge'

exposeFirstline(windowChannels.console)
