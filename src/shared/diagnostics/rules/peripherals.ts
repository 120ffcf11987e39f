import type { Finding, Rule } from '../findings'
import type { Snapshot } from '../snapshot'
import { dataOf, evidence } from './helpers'

// Status words across CUPS ('stopped'), Windows ('Offline', 'Error', 'Paper Jam') and macOS.
const printerTrouble = /offline|error|stopped|jam|paper ?out|no ?paper|toner|door|disabled|paused|not available/i

const printerProblem: Rule = (snapshot) =>
  (dataOf(snapshot, 'peripherals', 'printers') ?? []).flatMap((printer, index): Finding[] => {
    if (!printer.status || !printerTrouble.test(printer.status)) return []
    const name = printer.name ?? printer.model ?? '?'
    const offline = /offline|not available/i.test(printer.status)
    return [
      {
        id: `printer:${name}`,
        severity: printer.isDefault ? 'warning' : 'info',
        group: 'peripherals',
        title: offline
          ? { en: `Printer ${name} is offline`, de: `Drucker ${name} ist offline` }
          : { en: `Printer ${name} reports a problem`, de: `Drucker ${name} meldet ein Problem` },
        explanation: {
          en: `The printer's status is "${printer.status}"${printer.isDefault ? ' and it is the default printer' : ''}. Check that it is switched on, connected and has paper.`,
          de: `Der Drucker meldet „${printer.status}“${printer.isDefault ? ' und ist der Standarddrucker' : ''}. Prüfen, ob er eingeschaltet und verbunden ist und Papier hat.`,
        },
        tags: ['printer', offline ? 'printer-offline' : 'printer-error'],
        evidence: [
          evidence('peripherals', 'printers', index, 'status'),
          evidence('peripherals', 'printers', index, 'isDefault'),
        ],
      },
    ]
  })

const displayWords = /\b(monitors?|displays?|screens?|bildschirm\w*|anzeige\w*|beamer|projector|projektor)\b/i
// Words that say what kind of thing is missing or that it is missing, but not which one it is.
const genericWords = new Set(
  (
    'my the a an and or of is not no second third external extra other new usb wireless ' +
    'monitor monitors display displays screen screens beamer projector device devices missing gone works working ' +
    'mein meine meinen mein der die das ein eine und oder ist nicht kein keine zweite zweiter zweiten dritte externe externer ' +
    'externen neue neuer geht funktioniert fehlt weg gerät geräte bildschirm bildschirme anzeige projektor'
  ).split(' '),
)

function distinguishingWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3 && !genericWords.has(word))
}

interface Candidate {
  label: string
  path: string
  external: boolean
}

function displayCandidates(snapshot: Snapshot): Candidate[] {
  return (dataOf(snapshot, 'peripherals', 'displays') ?? []).map((display, index) => ({
    label: [display.vendor, display.model, display.deviceName].filter(Boolean).join(' '),
    path: evidence('peripherals', 'displays', index),
    external: display.builtin !== true,
  }))
}

function deviceCandidates(snapshot: Snapshot): Candidate[] {
  const usb = (dataOf(snapshot, 'peripherals', 'usb') ?? []).map((device, index) => ({
    label: [device.vendor, device.manufacturer, device.name, device.type].filter(Boolean).join(' '),
    path: evidence('peripherals', 'usb', index),
    external: true,
  }))
  const bluetooth = (dataOf(snapshot, 'peripherals', 'bluetooth') ?? []).map((device, index) => ({
    label: [device.manufacturer, device.name, device.type].filter(Boolean).join(' '),
    path: evidence('peripherals', 'bluetooth', index),
    external: true,
  }))
  return [...usb, ...bluetooth]
}

/**
 * Compares what the user says is missing with what the machine detects. A device the system sees
 * points to a driver or app setting; one it does not see points to cable, port, power or pairing.
 */
const missingDevice: Rule = (snapshot, input) => {
  const text = input.missingDevices?.trim()
  if (!text) return []
  const isDisplay = displayWords.test(text)
  const probe = isDisplay ? 'displays' : 'usb'
  if (!dataOf(snapshot, 'peripherals', probe)) return []
  const candidates = isDisplay ? displayCandidates(snapshot) : deviceCandidates(snapshot)
  const words = distinguishingWords(text)
  const matches =
    words.length > 0
      ? candidates.filter((candidate) => words.some((word) => candidate.label.toLowerCase().includes(word)))
      : candidates.filter((candidate) => candidate.external)
  const what = text.length > 80 ? `${text.slice(0, 77)}…` : text
  const kind = isDisplay ? 'display' : 'usb'
  const [match] = matches
  if (match) {
    return [
      {
        id: `device-detected:${kind}`,
        severity: 'info',
        group: 'peripherals',
        title: { en: `"${what}" is detected`, de: `„${what}“ wird erkannt` },
        explanation: {
          en: `The computer sees ${match.label}. The connection works; look at drivers, app settings or ${isDisplay ? 'display arrangement' : 'the app using it'}.`,
          de: `Der Rechner erkennt ${match.label}. Die Verbindung steht; Treiber, App-Einstellungen oder ${isDisplay ? 'die Bildschirmanordnung' : 'das verwendende Programm'} prüfen.`,
        },
        tags: [kind, 'peripheral', 'driver'],
        evidence: matches.map((candidate) => candidate.path),
      },
    ]
  }
  return [
    {
      id: `device-missing:${kind}`,
      severity: 'warning',
      group: 'peripherals',
      title: { en: `"${what}" is not detected`, de: `„${what}“ wird nicht erkannt` },
      explanation: {
        en: `The computer does not see this ${isDisplay ? 'display' : 'device'}. Check the cable, try another port, and make sure it is switched on${isDisplay ? ' and set to the right input' : ' or paired'}.`,
        de: `Der Rechner sieht ${isDisplay ? 'diesen Bildschirm' : 'dieses Gerät'} nicht. Kabel prüfen, einen anderen Anschluss versuchen und sicherstellen, dass es eingeschaltet${isDisplay ? ' und auf den richtigen Eingang gestellt' : ' bzw. gekoppelt'} ist.`,
      },
      tags: [kind, 'peripheral', 'peripheral-missing', isDisplay ? 'cable' : 'pairing'],
      evidence: [`groups.peripherals.${probe}.data`, ...(isDisplay ? [] : ['groups.peripherals.bluetooth.data'])],
    },
  ]
}

export const peripheralRules: readonly Rule[] = [printerProblem, missingDevice]
