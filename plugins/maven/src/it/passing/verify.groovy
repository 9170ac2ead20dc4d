import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def reportFile = new File(basedir, 'target/envelope/report.json')
assert reportFile.isFile()
def text = reportFile.text
// The committed .env holds a development secret: it appears in neither the log nor the report.
assert !log.contains('canary-it-dev-secret-7f3a')
assert !text.contains('canary-it-dev-secret-7f3a')

def report = new JsonSlurper().parseText(text)
assert report.schemaVersion == 1
assert report.passed == true
assert report.results*.profile == ['development', 'test', 'staging', 'production']
assert report.results.every { it.schema == 'com.example.AppEnv' && it.passed }

def production = report.results.find { it.profile == 'production' }
assert production.provided == ['JWT_SECRET', 'SENTRY_DSN']
assert production.result.schemaVersion == 1
assert production.result.valid == true
def smtp = production.result.variables.find { it.name == 'SMTP_HOST' }
assert smtp.value == 'smtp.internal'
assert smtp.origin.endsWith('.env.production:1')
def jwt = production.result.variables.find { it.name == 'JWT_SECRET' }
assert jwt.secret == true && jwt.value == '****'

def development = report.results.find { it.profile == 'development' }
assert development.result.variables.find { it.name == 'JWT_SECRET' }.value == '****'
assert log.contains('Envelope: com.example.AppEnv is complete in production')
assert log.contains('BUILD SUCCESS')
true
