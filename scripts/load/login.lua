-- POST /api/auth/login with the seeded candidate's login and password (LOGIN_JSON).
local f = io.open(os.getenv("LOGIN_JSON"), "r")
local body = f:read("*a")
f:close()
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
