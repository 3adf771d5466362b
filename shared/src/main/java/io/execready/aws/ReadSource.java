package io.execready.aws;

import io.execready.snapshot.Fetched;

/**
 * Where loaders get the reads declared as {@link AwsRead} constants: the SDK in production
 * ({@link SdkReadSource}), one generic double in tests. Failures come back as data, never thrown.
 */
public interface ReadSource {

    /** The read's answer about {@code argument}: Present, Absent when AWS has no such thing, or Failed naming {@link AwsRead#action()}. */
    <A, T> Fetched<T> read(AwsRead<A, T> read, A argument);
}
