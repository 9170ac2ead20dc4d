import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert !log.contains('canary-it-dev-secret-7f3a')
// The problem table for production, with where to set the variable.
assert log.contains('Invalid environment for AppEnv (profile production): 1 problem')
assert log =~ /SMTP_HOST +required but not set — set SMTP_HOST for production in k8s\/deployment.yaml or your secret store/
assert log.contains('The environment has problems in production (1)')
assert log.contains('BUILD FAILURE')
// The second build, with failOnProblems=false, warned instead and passed.
assert log =~ /\[WARNING\] Envelope: The environment has problems in production \(1\).*\(failOnProblems is false\)/
assert log.contains('BUILD SUCCESS')
// Only production fails, in both builds.
assert !log.contains('(profile development)') && !log.contains('(profile staging)')
assert log.count('Invalid environment for AppEnv (profile production)') == 2

def text = new File(basedir, 'target/envelope/report.json').text
assert !text.contains('canary-it-dev-secret-7f3a')
def report = new JsonSlurper().parseText(text)
assert report.passed == false
assert report.results.findAll { !it.passed }*.profile == ['production']
def production = report.results.find { it.profile == 'production' }
assert production.result.valid == false
assert production.result.variables == []
assert production.result.problems.size() == 1
def problem = production.result.problems[0]
assert problem.variable == 'SMTP_HOST'
assert problem.kind == 'MISSING'
assert problem.message == 'required but not set'
assert problem.hint == 'set SMTP_HOST for production in k8s/deployment.yaml or your secret store'
true
