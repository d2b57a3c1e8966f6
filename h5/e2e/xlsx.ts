// Just enough of .xlsx (a zip of XML parts) to read a downloaded workbook and to fill the import template's data
// rows, using only Node's own zlib: no spreadsheet library is installed in this project, and none is added.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib'

export type ZipEntries = Map<string, Buffer>

/** Every file of a zip archive (stored or deflated entries; no zip64, no encryption). */
export function unzip(buf: Buffer): ZipEntries {
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new Error('not a zip archive: no end of central directory')
  const count = buf.readUInt16LE(eocd + 10)
  let p = buf.readUInt32LE(eocd + 16)
  const out: ZipEntries = new Map()
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry')
    const method = buf.readUInt16LE(p + 10)
    const compressed = buf.readUInt32LE(p + 20)
    const nameLen = buf.readUInt16LE(p + 28)
    const extraLen = buf.readUInt16LE(p + 30)
    const commentLen = buf.readUInt16LE(p + 32)
    const local = buf.readUInt32LE(p + 42)
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8')
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const data = buf.subarray(dataStart, dataStart + compressed)
    out.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data))
    p += 46 + nameLen + extraLen + commentLen
  }
  return out
}

/** A zip archive of `entries` (deflated), in their order. */
export function zip(entries: ZipEntries): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, content] of entries) {
    const nameBuf = Buffer.from(name, 'utf8')
    const data = deflateRawSync(content)
    const crc = crc32(content) >>> 0
    const head = Buffer.alloc(30)
    head.writeUInt32LE(0x04034b50, 0)
    head.writeUInt16LE(20, 4)
    head.writeUInt16LE(0x0800, 6) // UTF-8 names
    head.writeUInt16LE(8, 8)
    head.writeUInt32LE(0x00210000, 10) // 1980-01-01 00:00
    head.writeUInt32LE(crc, 14)
    head.writeUInt32LE(data.length, 18)
    head.writeUInt32LE(content.length, 22)
    head.writeUInt16LE(nameBuf.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(0x00210000, 12)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(content.length, 24)
    central.writeUInt16LE(nameBuf.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(head, nameBuf, data)
    centrals.push(central, nameBuf)
    offset += head.length + nameBuf.length + data.length
  }
  const dir = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.size, 8)
  end.writeUInt16LE(entries.size, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, dir, end])
}

const unescape = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The text of every `<t>` run of a string item (`<si>` or `<is>`). */
const runs = (xml: string) => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescape(m[1])).join('')

/** The shared strings table of a workbook. */
export function sharedStrings(entries: ZipEntries): string[] {
  const xml = entries.get('xl/sharedStrings.xml')?.toString('utf8') ?? ''
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => runs(m[1]))
}

/** The names of a workbook's sheets, in order. */
export function sheetNames(entries: ZipEntries): string[] {
  const wb = entries.get('xl/workbook.xml')?.toString('utf8') ?? ''
  return [...wb.matchAll(/<sheet\s[^>]*?name="([^"]*)"/g)].map((m) => unescape(m[1]))
}

/** The part path (e.g. `xl/worksheets/sheet1.xml`) of the sheet named `sheetName`. */
export function sheetPath(entries: ZipEntries, sheetName: string): string {
  const wb = entries.get('xl/workbook.xml')?.toString('utf8') ?? ''
  const sheet = [...wb.matchAll(/<sheet\s[^>]*>/g)].map((m) => m[0]).find((s) => s.includes(`name="${escape(sheetName)}"`))
  if (!sheet) throw new Error(`no sheet named ${sheetName}`)
  const rid = /r:id="([^"]+)"/.exec(sheet)?.[1]
  const rels = entries.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? ''
  const rel = [...rels.matchAll(/<Relationship\s[^>]*>/g)].map((m) => m[0]).find((r) => r.includes(`Id="${rid}"`))
  const target = rel && /Target="([^"]+)"/.exec(rel)?.[1]
  if (!target) throw new Error(`no part for sheet ${sheetName}`)
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`
}

const colIndex = (ref: string) =>
  [...(/^[A-Z]+/.exec(ref)?.[0] ?? '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1
const colName = (i: number): string => (i < 26 ? '' : colName(Math.floor(i / 26) - 1)) + String.fromCharCode(65 + (i % 26))

/** The cell texts of a sheet, row by row (row 1 first; missing cells are ''). */
export function readSheet(entries: ZipEntries, sheetName: string): string[][] {
  const shared = sharedStrings(entries)
  const xml = entries.get(sheetPath(entries, sheetName))!.toString('utf8')
  const rows: string[][] = []
  for (const row of xml.matchAll(/<row\s[^>]*?r="(\d+)"[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const cells: string[] = []
    for (const c of (row[2] ?? '').matchAll(/<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1]
      const body = c[2] ?? ''
      const ref = /r="([A-Z]+)\d+"/.exec(attrs)?.[1] ?? colName(cells.length)
      const type = /t="([^"]+)"/.exec(attrs)?.[1]
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1]
      const text =
        type === 's' ? shared[Number(v)] ?? '' : type === 'inlineStr' ? runs(body) : v !== undefined ? unescape(v) : ''
      cells[colIndex(ref)] = text
    }
    rows[Number(row[1]) - 1] = Array.from(cells, (t) => t ?? '')
  }
  return Array.from(rows, (r) => r ?? [])
}

/**
 * The workbook with the data rows of `sheetName` (everything below the header row, e.g. the template's example row)
 * replaced by `rows`, written as text cells. Everything else (header, styles, drop-downs, other sheets) is kept.
 */
export function fillSheet(xlsx: Buffer, sheetName: string, rows: string[][]): Buffer {
  const entries = unzip(xlsx)
  const path = sheetPath(entries, sheetName)
  const xml = entries.get(path)!.toString('utf8')
  const data = /<sheetData>([\s\S]*?)<\/sheetData>|<sheetData\/>/.exec(xml)
  if (!data) throw new Error('sheet without sheetData')
  const header = /<row\s[^>]*?r="1"[^>]*?(?:\/>|>[\s\S]*?<\/row>)/.exec(data[1] ?? '')?.[0] ?? ''
  const body = rows
    .map((cells, i) => {
      const r = i + 2
      const cs = cells
        .map((t, j) => (t === '' ? '' : `<c r="${colName(j)}${r}" t="inlineStr"><is><t>${escape(t)}</t></is></c>`))
        .join('')
      return `<row r="${r}">${cs}</row>`
    })
    .join('')
  const width = Math.max(...rows.map((r) => r.length), 1)
  let next = xml.replace(data[0], `<sheetData>${header}${body}</sheetData>`)
  next = next.replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:${colName(width - 1)}${rows.length + 1}"/>`)
  entries.set(path, Buffer.from(next, 'utf8'))
  return zip(entries)
}
