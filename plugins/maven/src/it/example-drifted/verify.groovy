def log = new File(basedir, 'build.log').text
// The first build failed on the stale file and said how to fix it ...
assert log =~ /\.env\.example is out of date with the schema \(line 10: expected 'SMTP_HOST=', found 'MAIL_HOST='\)/
assert log.contains('run `mvn envelope:example` and commit the result')
// ... the second regenerated it from the schema and passed.
def example = new File(basedir, '.env.example').text
assert !example.contains('MAIL_HOST')
assert example =~ /(?m)^SMTP_HOST=$/
assert !example.contains('canary-it-dev-secret-7f3a')
assert new File(basedir, 'docs/environment.md').text.contains('SMTP_HOST')
assert log.contains('Envelope: wrote')
assert log.contains('BUILD SUCCESS')
true
