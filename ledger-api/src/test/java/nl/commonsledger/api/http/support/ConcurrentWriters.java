package nl.commonsledger.api.http.support;

import nl.commonsledger.api.http.support.Http.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Many writers started at one moment, each sending its requests in turn; every answer is kept. */
public final class ConcurrentWriters {

    /** One request: writer {@code writer}'s {@code i}-th. */
    public interface Request {
        Response send(int writer, int i);
    }

    private ConcurrentWriters() {
    }

    public static List<Response> run(int writers, int requestsEach, Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Response>>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                running.add(pool.submit(() -> {
                    start.await();
                    List<Response> answers = new ArrayList<>();
                    for (int i = 0; i < requestsEach; i++) {
                        answers.add(request.send(writer, i));
                    }
                    return answers;
                }));
            }
            start.countDown();
            List<Response> all = new ArrayList<>();
            for (Future<List<Response>> writer : running) {
                all.addAll(writer.get(5, TimeUnit.MINUTES));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The contribution a 201 booked: in the answer, or under {@code stored} when it is pending. */
    public static String bookedId(Response r) {
        return r.json().path("pending").asBoolean()
                ? r.json().path("stored").path("contributionId").asText()
                : r.json().path("contributionId").asText();
    }
}
