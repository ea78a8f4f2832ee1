package dev.gridha.container.wsrf;

import javax.xml.namespace.QName;

/** A request named a resource property the resource type does not have (WS-RP InvalidResourcePropertyQNameFault). */
public class InvalidResourcePropertyException extends Exception {

    private final QName name;

    public InvalidResourcePropertyException(QName name, String resourceType) {
        super("a " + resourceType + " has no resource property " + name);
        this.name = name;
    }

    public QName name() {
        return name;
    }
}
