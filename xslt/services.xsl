<?xml version="1.0" encoding="UTF-8"?>
<!-- placeholder: services -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:m="urn:mp:i18n" exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>
  <xsl:template match="page" mode="content"><h1>services</h1></xsl:template>
</xsl:stylesheet>
