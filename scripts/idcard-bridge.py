#!/usr/bin/env python3
"""Local bridge between an ID-card reader program and the staff H5 (身份证阅读器 → 自动读卡).

Serves GET http://127.0.0.1:18765/read on the staff member's computer:
  200 application/json  the card on the reader, in the shape the H5's paste box accepts
  204                   no card (nothing read within --ttl seconds)
The reader program writes what it read into a folder (--dir); the bridge picks up the newest of
  *.json            any JSON object with the paste box's keys (name, id_number, … photo_base64), or
  wz.txt            the card's raw text block (UCS-2LE, the fixed layout of GA 467 that most reader SDKs dump),
                    with zp.jpg / zp.png / zp.bmp beside it as the chip photo.
Standard library only: python3 idcard-bridge.py --dir C:\\IdCardReader\\out
"""
import argparse
import base64
import json
import os
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# GB 3304 ethnicity codes as written on the chip.
NATIONS = ("汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 "
           "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 "
           "塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺").split()
# (key, characters) of the 256-byte text block, in order.
LAYOUT = [("name", 15), ("gender", 1), ("ethnicity", 2), ("birth_date", 8), ("address", 35), ("id_number", 18),
          ("issuer", 15), ("valid_from", 8), ("valid_to", 8)]


def parse_wz(raw: bytes) -> dict:
    text = raw.decode("utf-16-le", errors="replace")
    card, pos = {}, 0
    for key, n in LAYOUT:
        card[key] = text[pos:pos + n].strip().strip("\x00")
        pos += n
    card["gender"] = {"1": "男", "2": "女"}.get(card["gender"], card["gender"])
    code = card["ethnicity"]
    if code.isdigit() and 1 <= int(code) <= len(NATIONS):
        card["ethnicity"] = NATIONS[int(code) - 1]
    return card


def newest(folder: str, ttl: float):
    """The newest card file written within `ttl` seconds, as the H5's JSON, or None."""
    try:
        names = [n for n in os.listdir(folder) if n.lower().endswith(".json") or n.lower() == "wz.txt"]
    except FileNotFoundError:
        return None
    paths = [os.path.join(folder, n) for n in names]
    paths = [p for p in paths if time.time() - os.path.getmtime(p) <= ttl]
    if not paths:
        return None
    path = max(paths, key=os.path.getmtime)
    with open(path, "rb") as f:
        raw = f.read()
    if path.lower().endswith(".json"):
        return json.loads(raw.decode("utf-8-sig"))
    card = parse_wz(raw)
    for photo in ("zp.jpg", "zp.png", "zp.bmp"):
        p = os.path.join(folder, photo)
        if os.path.exists(p):
            with open(p, "rb") as f:
                card["photo_base64"] = base64.b64encode(f.read()).decode()
            break
    return card


def handler(folder: str, ttl: float):
    class Handler(BaseHTTPRequestHandler):
        def cors(self):
            self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
            # Chrome asks before a public page may call a local address.
            self.send_header("Access-Control-Allow-Private-Network", "true")
            self.send_header("Cache-Control", "no-store")

        def do_OPTIONS(self):
            self.send_response(204)
            self.cors()
            self.send_header("Access-Control-Allow-Methods", "GET")
            self.end_headers()

        def do_GET(self):
            if self.path.split("?")[0] != "/read":
                self.send_error(404)
                return
            try:
                card = newest(folder, ttl)
            except (OSError, ValueError) as e:
                self.send_response(500)
                self.cors()
                self.end_headers()
                self.wfile.write(str(e).encode())
                return
            self.send_response(200 if card else 204)
            self.cors()
            if card:
                body = json.dumps(card, ensure_ascii=False).encode()
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.end_headers()
                self.wfile.write(body)
            else:
                self.end_headers()

        def log_message(self, *_):
            pass

    return Handler


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", required=True, help="the folder the reader program writes into")
    ap.add_argument("--port", type=int, default=18765)
    ap.add_argument("--ttl", type=float, default=10, help="seconds a read counts as 'on the reader'")
    a = ap.parse_args()
    print(f"idcard-bridge: http://127.0.0.1:{a.port}/read ← {a.dir}")
    ThreadingHTTPServer(("127.0.0.1", a.port), handler(a.dir, a.ttl)).serve_forever()


if __name__ == "__main__":
    main()
