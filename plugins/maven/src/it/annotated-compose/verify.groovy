def log = new File(basedir, 'build.log').text
assert !log.contains('canary-it-annotated-5c2e')
// Found by its annotation; the unmarked record is not checked.
assert log.contains('Envelope: schemas marked @EnvSchema: com.example.AppEnv')
assert !log.contains('NotASchema')
// Production misses SMTP_HOST: the api service's environment and env_file do not set it.
assert log.contains('Invalid environment for AppEnv (profile production): 1 problem')
assert log =~ /SMTP_HOST +required but not set — set SMTP_HOST for production in compose.yaml#api or your secret store/
// Staging is complete: SMTP_HOST from the mounted Secret volume (smtp/host), JWT_SECRET through envFrom.
assert !log.contains('(profile staging)') && !log.contains('(profile development)') && !log.contains('(profile test)')
assert !log.contains('is not defined in the manifests')
assert log.contains('BUILD FAILURE')
true
