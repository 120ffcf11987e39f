import { describe, expect, it } from 'vitest'
import { contentDisposition, downloadType, safeFileName, sniffText } from './sniff'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('attachment sniffing and names', () => {
  it('tells markup from plain text whatever the file claims to be', () => {
    expect(sniffText(bytes('  <!doctype html><p>hi'))).toBe('text/html')
    expect(sniffText(bytes('\uFEFF<script>alert(1)</script>'))).toBe('text/html')
    expect(sniffText(bytes('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('image/svg+xml')
    expect(sniffText(bytes('<?xml version="1.0"?><config/>'))).toBe('application/xml')
    expect(sniffText(bytes('Fehler 0x80070005 beim Start'))).toBe('text/plain')
    expect(sniffText(new Uint8Array([0xff, 0xfe, 0x00, 0x01]))).toBe('application/octet-stream')
  })

  it('serves active types only as opaque bytes', () => {
    expect(downloadType('text/html')).toBe('application/octet-stream')
    expect(downloadType('image/svg+xml')).toBe('application/octet-stream')
    expect(downloadType('application/x-msdownload')).toBe('application/octet-stream')
    expect(downloadType('application/pdf')).toBe('application/pdf')
    expect(downloadType('image/png')).toBe('image/png')
  })

  it('keeps file names free of paths, quotes and control characters, and encodes the rest for the header', () => {
    expect(safeFileName('C:\\Users\\anna\\..\\report.pdf')).toBe('report.pdf')
    expect(safeFileName('a\r\nb";.txt')).toBe('a__b__.txt')
    expect(safeFileName('...')).toBe('attachment')
    expect(contentDisposition('attachment', 'Größe Übersicht.pdf')).toBe(
      `attachment; filename="Gr__e _bersicht.pdf"; filename*=UTF-8''Gr%C3%B6%C3%9Fe%20%C3%9Cbersicht.pdf`,
    )
  })
})
