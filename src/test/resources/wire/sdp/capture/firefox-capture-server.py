# Serves firefox-capture.html on http://127.0.0.1:8765/index.html and writes each SDP the page
# POSTs to /sdp/<name> into <outdir>/<name>.sdp (other posts: .txt), byte for byte; exits when
# the page posts 'done'. Usage: python3 firefox-capture-server.py <outdir>, then run
# firefox-esr --headless --profile <dir holding firefox-user.js as user.js> --no-remote
#   http://127.0.0.1:8765/index.html
import http.server, os, sys

OUT = sys.argv[1]
PAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'firefox-capture.html')

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with open(PAGE, 'rb') as f:
            body = f.read()
        self.send_response(200)
        self.send_header('Content-Type', 'text/html; charset=utf-8')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        name = os.path.basename(self.path)
        suffix = '.sdp' if name.startswith('firefox') else '.txt'
        with open(os.path.join(OUT, name + suffix), 'wb') as f:
            f.write(body)
        self.send_response(204)
        self.end_headers()
        if name == 'done':
            os._exit(0)

http.server.HTTPServer(('127.0.0.1', 8765), Handler).serve_forever()
