import { describe, expect, it } from 'vitest'
import { compressImage, fitWithin, jpegName, needsCompression } from '../imageCompress'

describe('sizing a photo for upload', () => {
  it('scales a 4032×3024 phone photo to 2000 px on its longest edge, keeping the aspect', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 2000, height: 1500 })
    expect(fitWithin(3024, 4032)).toEqual({ width: 1500, height: 2000 })
  })

  it('never scales up, and leaves a picture within the limit as it is', () => {
    expect(fitWithin(2000, 1000)).toEqual({ width: 2000, height: 1000 })
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 })
  })

  it('keeps at least one pixel on a very thin picture and refuses nonsense sizes', () => {
    expect(fitWithin(10000, 2)).toEqual({ width: 2000, height: 1 })
    expect(fitWithin(0, 100)).toEqual({ width: 0, height: 0 })
    expect(fitWithin(Number.NaN, 100)).toEqual({ width: 0, height: 0 })
  })

  it('honours another edge limit', () => {
    expect(fitWithin(3000, 1500, 1000)).toEqual({ width: 1000, height: 500 })
  })

  it('re-encodes big pictures and heavy files only', () => {
    expect(needsCompression({ width: 4032, height: 3024 }, 100_000)).toBe(true)
    expect(needsCompression({ width: 1200, height: 900 }, 3 * 1024 * 1024)).toBe(true)
    expect(needsCompression({ width: 1200, height: 900 }, 200 * 1024)).toBe(false)
  })

  it('names the result as a JPEG', () => {
    expect(jpegName('IMG_0001.PNG')).toBe('IMG_0001.jpg')
    expect(jpegName('scan.final.jpeg')).toBe('scan.final.jpg')
    expect(jpegName('.png')).toBe('image.jpg')
  })

  it('sends the original when this browser cannot decode it', async () => {
    const f = new File([new Uint8Array(10)], 'x.png', { type: 'image/png' })
    expect(await compressImage(f)).toBe(f)
  })
})
