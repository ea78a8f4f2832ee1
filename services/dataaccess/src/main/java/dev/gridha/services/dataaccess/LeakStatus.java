package dev.gridha.services.dataaccess;

/** What the request leak holds now and its configured rate; a JavaBean for Axis2's POJO binding. */
public class LeakStatus {

    private int bytesPerRequest;
    private long heldBytes;
    private long leakedRequests;

    public LeakStatus() {
    }

    public LeakStatus(int bytesPerRequest, long heldBytes, long leakedRequests) {
        this.bytesPerRequest = bytesPerRequest;
        this.heldBytes = heldBytes;
        this.leakedRequests = leakedRequests;
    }

    /** The configured rate: bytes each query request retains; 0 when the leak is off. */
    public int getBytesPerRequest() {
        return bytesPerRequest;
    }

    public void setBytesPerRequest(int bytesPerRequest) {
        this.bytesPerRequest = bytesPerRequest;
    }

    /** Bytes retained since the web application started. */
    public long getHeldBytes() {
        return heldBytes;
    }

    public void setHeldBytes(long heldBytes) {
        this.heldBytes = heldBytes;
    }

    /** Query requests that retained memory since the web application started. */
    public long getLeakedRequests() {
        return leakedRequests;
    }

    public void setLeakedRequests(long leakedRequests) {
        this.leakedRequests = leakedRequests;
    }
}
