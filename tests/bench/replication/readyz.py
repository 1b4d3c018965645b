"""One keep-alive connection to a server's /readyz, reopened after any error."""
import http.client


class Readyz:
    def __init__(self, port, timeout=5):
        self.port, self.timeout, self.conn = port, timeout, None

    def get(self):
        """(status, body text), or ("exception", description) when unreachable."""
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            self.conn.request("GET", "/readyz")
            response = self.conn.getresponse()
            return response.status, response.read().decode()
        except Exception as e:  # refused, reset, timeout: the caller polls again
            self.conn = None
            return "exception", repr(e)[:100]
