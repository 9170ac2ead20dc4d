package dev.envelope.benchmarks.aot;

import dev.envelope.benchmarks.fleet.DopplerStandIn;

/**
 * Runs the fleet benchmark's Doppler stand-in without a rate limit, for measurements whose client
 * JVMs start one after another; prints its port, then serves until killed.
 */
public final class DopplerServerMain {
  private DopplerServerMain() {}

  public static void main(String[] args) throws Exception {
    DopplerStandIn doppler = new DopplerStandIn(args.length > 0 ? args[0] : "dp.st.prd.aotbenchmark0123456789", 0, 60);
    System.out.println(doppler.endpoint().getPort());
    System.out.flush();
    Thread.currentThread().join();
  }
}
