-- GET with the seeded candidate's session (TOKEN) and, when GZIP=1, Accept-Encoding: gzip.
local f = io.open(os.getenv("TOKEN_FILE"), "r")
local token = f:read("*a")
f:close()
wrk.headers["Authorization"] = "Bearer " .. token
if os.getenv("GZIP") == "1" then
  wrk.headers["Accept-Encoding"] = "gzip"
end
