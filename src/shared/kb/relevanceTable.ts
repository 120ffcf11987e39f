import type { KbLanguage } from './article'

export interface RelevanceCase {
  query: string
  language: KbLanguage
  /** Key of the starter article (resources/kb/starter) that must be among the first three. */
  expected: string
}

/**
 * What agents really type: short, inflected, misspelt, German compounds cut apart or run
 * together. Hub search and offline search must both put the expected article in the top 3.
 */
export const relevanceTable: readonly RelevanceCase[] = [
  { query: 'Druckers', language: 'de', expected: 'printer-offline' },
  { query: 'druckt nicht', language: 'de', expected: 'printer-offline' },
  { query: 'Drucker ist offline', language: 'de', expected: 'printer-offline' },
  { query: 'printer offline', language: 'en', expected: 'printer-offline' },
  { query: 'Druckauftrag hängt', language: 'de', expected: 'print-queue-stuck' },
  { query: 'Warteschlange', language: 'de', expected: 'print-queue-stuck' },
  { query: 'print job stuck in queue', language: 'en', expected: 'print-queue-stuck' },
  { query: 'Kennwort vergessen', language: 'de', expected: 'password-forgotten' },
  { query: 'Passwort abgelaufen', language: 'de', expected: 'password-forgotten' },
  { query: 'pasword reset', language: 'en', expected: 'password-forgotten' },
  { query: 'forgot my password', language: 'en', expected: 'password-forgotten' },
  { query: 'Konto gesperrt', language: 'de', expected: 'account-locked' },
  { query: 'account locked out', language: 'en', expected: 'account-locked' },
  { query: 'Bildschirm wird nicht erkannt', language: 'de', expected: 'second-monitor-not-detected' },
  { query: 'second screen not detected', language: 'en', expected: 'second-monitor-not-detected' },
  { query: 'Dockingstation wird nicht erkannt', language: 'de', expected: 'docking-station-not-detected' },
  { query: 'docking station no display', language: 'en', expected: 'docking-station-not-detected' },
  { query: 'vpn verbindet nicht', language: 'de', expected: 'vpn-not-connecting' },
  { query: 'VPN connection fails', language: 'en', expected: 'vpn-not-connecting' },
  { query: 'festplatte voll', language: 'de', expected: 'disk-full' },
  { query: 'Speicherplatz knapp', language: 'de', expected: 'disk-full' },
  { query: 'low disk space', language: 'en', expected: 'disk-full' },
  { query: 'outlok startet nicht', language: 'de', expected: 'outlook-wont-start' },
  { query: 'outlook will not open', language: 'en', expected: 'outlook-wont-start' },
  { query: 'Outlook fragt ständig nach Passwort', language: 'de', expected: 'outlook-password-prompt' },
  { query: 'outlook keeps asking for password', language: 'en', expected: 'outlook-password-prompt' },
  { query: 'Teams Mikrofon geht nicht', language: 'de', expected: 'teams-audio' },
  { query: 'teams others cannot hear me', language: 'en', expected: 'teams-audio' },
  { query: 'Kamera in Teams schwarz', language: 'de', expected: 'teams-camera' },
  { query: 'teams webcam not working', language: 'en', expected: 'teams-camera' },
  { query: 'Office nicht lizenziert', language: 'de', expected: 'office-activation' },
  { query: 'office unlicenced product', language: 'en', expected: 'office-activation' },
  { query: 'Rechner sehr langsam', language: 'de', expected: 'slow-computer' },
  { query: 'laptop is very slow', language: 'en', expected: 'slow-computer' },
  { query: 'WLAN bricht ständig ab', language: 'de', expected: 'wifi-drops' },
  { query: 'wifi keeps disconecting', language: 'en', expected: 'wifi-drops' },
  { query: 'Tastatur funktioniert nicht', language: 'de', expected: 'keyboard-not-working' },
  { query: 'keybord not working', language: 'en', expected: 'keyboard-not-working' },
  { query: 'Maus reagiert nicht', language: 'de', expected: 'mouse-not-working' },
  { query: 'mouse pointer jumps', language: 'en', expected: 'mouse-not-working' },
  { query: 'Windows Updates schlagen fehl', language: 'de', expected: 'windows-update-failed' },
  { query: 'windows update error 0x80070002', language: 'en', expected: 'windows-update-failed' },
  { query: 'kein Standardgateway', language: 'de', expected: 'no-network-gateway' },
  { query: 'no default gateway', language: 'en', expected: 'no-network-gateway' },
  { query: 'DNS Namensauflösung geht nicht', language: 'de', expected: 'dns-not-resolving' },
  { query: 'website not found dns', language: 'en', expected: 'dns-not-resolving' },
  { query: 'Authenticator neues Handy', language: 'de', expected: 'mfa-new-phone' },
  { query: 'mfa new phone', language: 'en', expected: 'mfa-new-phone' },
  { query: 'freigegebenes Postfach fehlt', language: 'de', expected: 'shared-mailbox-missing' },
  { query: 'shared mailbox not showing', language: 'en', expected: 'shared-mailbox-missing' },
  { query: 'OneDrive synchronisiert nicht', language: 'de', expected: 'onedrive-sync-stuck' },
  { query: 'onedrive sync stuck', language: 'en', expected: 'onedrive-sync-stuck' },
  { query: 'Zertifikatsfehler im Browser', language: 'de', expected: 'browser-certificate-warning' },
  { query: 'your connection is not private', language: 'en', expected: 'browser-certificate-warning' },
  { query: 'Akku schnell leer', language: 'de', expected: 'battery-drains-fast' },
  { query: 'battery drains quickly', language: 'en', expected: 'battery-drains-fast' },
  { query: 'Bluescreen', language: 'de', expected: 'blue-screen' },
  { query: 'blue screen of death', language: 'en', expected: 'blue-screen' },
  { query: 'kein Ton Lautsprecher', language: 'de', expected: 'sound-not-working' },
  { query: 'no sound from speakers', language: 'en', expected: 'sound-not-working' },
  { query: 'Scanner scannt nicht', language: 'de', expected: 'scanner-not-working' },
  { query: 'scan to email not arriving', language: 'en', expected: 'scanner-not-working' },
  { query: 'Netzlaufwerk fehlt', language: 'de', expected: 'mapped-drive-missing' },
  { query: 'Laufwerk S nicht verbunden', language: 'de', expected: 'mapped-drive-missing' },
  { query: 'mapped drive missing', language: 'en', expected: 'mapped-drive-missing' },
  { query: 'Software installieren', language: 'de', expected: 'software-installation-request' },
  { query: 'need a new program installed', language: 'en', expected: 'software-installation-request' },
  { query: 'neuer Mitarbeiter braucht Konto', language: 'de', expected: 'new-employee-account' },
  { query: 'new starter account', language: 'en', expected: 'new-employee-account' },
  { query: 'Uhrzeit falsch', language: 'de', expected: 'clock-wrong' },
  { query: 'Programm friert ein', language: 'de', expected: 'app-not-responding' },
  { query: 'Laptop geht nicht an', language: 'de', expected: 'laptop-wont-power-on' },
  { query: 'Get Help erreicht Support nicht', language: 'de', expected: 'hub-unreachable' },
]

/** Finding tags from a device's diagnostics and the article each must suggest. */
export const findingTagCases: ReadonlyArray<{ tags: string[]; expected: string }> = [
  { tags: ['disk-full'], expected: 'disk-full' },
  { tags: ['no-gateway'], expected: 'no-network-gateway' },
  { tags: ['no-dns'], expected: 'dns-not-resolving' },
  { tags: ['printer-offline'], expected: 'printer-offline' },
  { tags: ['hub-unreachable'], expected: 'hub-unreachable' },
  { tags: ['battery-worn'], expected: 'battery-drains-fast' },
  { tags: ['clock-skew'], expected: 'clock-wrong' },
]
